// Media in S3-compatible object storage (AWS S3, MinIO, Garage, R2, …) through the AWS SDK, for
// several machines: files are public at S3_PUBLIC_URL/<key> (a bucket policy or a CDN in front),
// written once with a year-long immutable Cache-Control.
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { MediaStorage } from '@microposts/core';
import { assertKey } from './keys.ts';

export interface S3Options {
  bucket: string;
  /** The service's URL (MinIO, Garage, R2…); null for AWS itself. */
  endpoint: string | null;
  region: string;
  /** Both, or neither (the SDK's default chain: environment, instance profile). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Bucket in the path (most S3-compatible servers) rather than in the host name. */
  forcePathStyle: boolean;
}

/** The S3 driver. */
export function s3Storage(options: S3Options): MediaStorage & { client: S3Client } {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Checksums only when an operation needs them: several S3-compatible servers reject the newer
    // default trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  return {
    client,
    async put(key, bytes, contentType) {
      assertKey(key);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      );
    },
    async get(key) {
      assertKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from(await out.Body!.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(keys) {
      keys.forEach(assertKey);
      // DeleteObjects takes at most 1000 keys; a key with no object is not an error.
      for (let i = 0; i < keys.length; i += 1000) {
        const out = await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
          }),
        );
        if (out.Errors?.length)
          throw new Error(`S3 could not delete ${out.Errors[0]!.Key}: ${out.Errors[0]!.Message}`);
      }
    },
    async *list() {
      let token: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
        const page = (out.Contents ?? []).map((o) => ({
          key: o.Key!,
          bytes: o.Size ?? 0,
          modifiedAt: o.LastModified ?? new Date(0),
        }));
        if (page.length > 0) yield page;
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
