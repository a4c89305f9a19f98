import { TextField, type FieldProps } from '#kernel/html/components.tsx';

export interface StreetFieldProps extends FieldProps {
  /** What was typed, to show again. */
  value?: string | undefined;
  /** Every street name (`streetNames`), offered while typing. */
  names: readonly string[];
  /** `address-line1` where a person gives their own address; left out otherwise. */
  autocomplete?: string;
  maxLength?: number;
}

/**
 * A street typed into a text field, with the city's street names offered by the browser's own list
 * (`<datalist>`): no script, works by keyboard and with a screen reader, and any name can still be typed;
 * the service checks it against the register (`findStreet`).
 */
export function StreetField({ names, ...field }: StreetFieldProps) {
  const list = `${field.name}-streets`;
  return (
    <>
      <TextField {...field} list={list} />
      <datalist id={list}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
