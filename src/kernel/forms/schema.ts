import Type, { type TSchema } from 'typebox';
import { formKeyField, inputsOf, type FormDef, type LeafDef } from './fields.ts';
import { rawLimit } from './text.ts';

function inputSchema(field: LeafDef): TSchema | null {
  const title = field.label;
  const text = Type.String({ maxLength: rawLimit, ...(title ? { title } : {}) });
  // The file goes into the store while the body is parsed; the body holds no trace of it.
  if (field.kind === 'file') return null;
  if (field.kind === 'choices') return Type.Union([text, Type.Array(text, { maxItems: 500 })], title ? { title } : {});
  return text;
}

/**
 * The route's body schema for a form: every input of the definition (group rows expanded) as optional
 * text, the CSRF token and the one-time key. Declared with `attachValidation: true`: the schema documents
 * the body and bounds it, and the form's reader, not the schema, says what is wrong with a field, in the
 * field's own words. Inputs the form does not have are let through and ignored.
 */
export function formBody(form: FormDef) {
  const properties: Record<string, TSchema> = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
  if (form.once) properties[formKeyField] = Type.Optional(Type.String({ maxLength: 100 }));
  for (const { name, field } of inputsOf(form)) {
    const schema = inputSchema(field);
    if (schema) properties[name] = Type.Optional(schema);
  }
  return Type.Object(properties);
}
