/**
 * The parts every form is built from: a field (label, optional hint and the control, tied to the
 * form's error), a radio or checkbox choice, the app's reason for refusing a form, and the form's
 * buttons. Made in one place so that what a screen reader hears is made the same way everywhere.
 */
import { useLayoutEffect, useRef, type FormHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';

/** The ids given, space-separated for aria-describedby; undefined when there are none. */
export function idRefs(...ids: (string | null | undefined | false)[]): string | undefined {
  const kept = ids.filter(Boolean);
  return kept.length > 0 ? kept.join(' ') : undefined;
}

/** What a control needs from its field to be named and described. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface FormFieldProps {
  /** The control's id. The hint's, when there is one, is this with "-hint". */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** More ids that describe the control after its hint, such as the form's error. */
  describedBy?: string | undefined;
  invalid?: boolean;
  /** Classes besides "field", such as "field--grow" or "conditional". */
  className?: string;
  /** Draws the control with the attributes given. */
  children: (control: ControlProps) => ReactNode;
}

/** A label, its hint, and the control, which the label names and the hint and the error describe. */
export function FormField({ id, label, hint, describedBy, invalid, className, children }: FormFieldProps): ReactNode {
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {children({ id, 'aria-describedby': idRefs(hintId, describedBy), 'aria-invalid': invalid ? true : undefined })}
    </div>
  );
}

export interface TextFieldProps
  extends
    Omit<FormFieldProps, 'children'>,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'className' | 'children'> {}

/** A one-line text box in its field. It offers nothing the browser remembers: each box is the person's own words or figures. */
export function TextField({ id, label, hint, describedBy, invalid, className, ...input }: TextFieldProps): ReactNode {
  const field = { id, label, hint, describedBy, invalid, className };
  return (
    <FormField {...field}>{(control) => <input {...control} type="text" autoComplete="off" {...input} />}</FormField>
  );
}

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> {
  onSubmit: () => void | Promise<void>;
}

/**
 * A form the app checks, not the browser: the app's words say what is wrong, and submitting never
 * reloads the page.
 */
export function Form({ onSubmit, ...form }: FormProps): ReactNode {
  return (
    <form
      noValidate
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    />
  );
}

export interface ChoiceProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  type: 'radio' | 'checkbox';
  id: string;
  label: ReactNode;
  /** The wrapper's classes: "radio" for a radio button, "checkbox checkbox--plain" for a box. */
  className?: string;
}

/** A radio button or a checkbox with its label after it. */
export function Choice({ type, id, label, className, ...input }: ChoiceProps): ReactNode {
  return (
    <div className={className ?? (type === 'radio' ? 'radio' : 'checkbox checkbox--plain')}>
      <input id={id} type={type} {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The app's reason for refusing a form, above its fields; what was typed stays in them. */
export function FormError({ id, message }: { id: string; message: string | null }): ReactNode {
  if (message === null) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

/**
 * One refusal of a form. A new object each time the app refuses, so that the same words refused a
 * second time still take focus.
 */
export interface Refusal {
  message: string;
}

export interface RefusalBoxProps {
  /** The message's id, for the fields' aria-describedby. The title's is this with "-title". */
  id: string;
  /** What did not happen, such as "The clinic was not started". */
  title: string;
  /** The title's heading level: one below the form's heading. */
  level: 3 | 4;
  refusal: Refusal | null;
}

/**
 * The refusal above a form: announced, and focused each time the app refuses so that a keyboard
 * user starts from the reason.
 */
export function RefusalBox({ id, title, level, refusal }: RefusalBoxProps): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  // After the box is in the document and before it is painted, so the page scrolls to it at once.
  useLayoutEffect(() => {
    if (refusal) box.current?.focus();
  }, [refusal]);
  if (!refusal) return null;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div ref={box} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="error-summary__title">
        {title}
      </Heading>
      <p id={id} className="error-summary__body">
        {refusal.message}
      </p>
    </div>
  );
}

export interface FormButtonsProps {
  /** The submit button's words. */
  submit: string;
  busy: boolean;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | null | undefined;
  /** Classes besides "button-row". */
  className?: string;
  /** After the buttons, such as the save status. */
  children?: ReactNode;
}

/** The form's submit button, disabled while the app answers, and Cancel when there is somewhere to go back to. */
export function FormButtons({ submit, busy, onCancel, className, children }: FormButtonsProps): ReactNode {
  return (
    <div className={className ? `button-row ${className}` : 'button-row'}>
      <button type="submit" className="button button--primary" disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      {children}
    </div>
  );
}
