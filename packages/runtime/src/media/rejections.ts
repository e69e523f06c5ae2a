// The reasons people read when an image is refused, shared by the header reader (web process) and
// the image processor (worker), so a file gets the same words from either.
import { SUPPORTED_FORMATS_TEXT } from '@microposts/core';

export const NOT_AN_IMAGE = `File is not a supported image (${SUPPORTED_FORMATS_TEXT}).`;
export const DAMAGED = 'The image is damaged or incomplete (truncated); it could not be read.';
