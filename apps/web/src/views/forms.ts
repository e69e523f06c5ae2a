import { html, type SafeHtml } from './html.ts';

export type FieldErrors = Readonly<Record<string, string>>;

interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string;
  errors?: FieldErrors;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  maxlength?: number;
}

/** A labelled input with its hint and its error, wired with aria-describedby. */
export function field(o: FieldOptions): SafeHtml {
  const error = o.errors?.[o.name];
  const id = `field-${o.name}`;
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <input
      id="${id}"
      name="${o.name}"
      type="${o.type ?? 'text'}"
      value="${o.type === 'password' ? '' : (o.value ?? '')}"
      ${
        o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
      }${o.required ? html` required` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${
        describedBy ? html` aria-describedby="${describedBy}"` : ''
      }${error ? html` aria-invalid="true"` : ''}
    />
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`;
}

/** The hidden CSRF input every cookie-authenticated form carries. */
export function csrf(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** An error that belongs to the whole form, not one field. */
export function formError(errors: FieldErrors | undefined): SafeHtml {
  return errors?._form ? html`<p class="error form-error" role="alert">${errors._form}</p>` : html``;
}
