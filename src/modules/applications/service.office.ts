import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import type { FormDefinition } from './definition/schema.ts';

/** An office that receives cases, with the postal address a paper form is sent to. */
export interface ReceivingOffice {
  id: string;
  title: string;
  street: string;
  postalCode: string;
  city: string;
}

/** The office that receives a form's cases: the one the form names, else the service's responsible office. */
export async function receivingOffice(ctx: KernelContext, definition: FormDefinition): Promise<ReceivingOffice | null> {
  const address = (office: { title: string; street: string; postalCode: string; city: string }) => ({ title: office.title, street: office.street, postalCode: office.postalCode, city: office.city });
  if (definition.office) {
    const office = await publishedOffice(ctx, definition.office);
    return office ? { id: office.id, ...address(office.content) } : null;
  }
  const service = definition.service ? await publishedService(ctx, definition.service) : null;
  return service?.office ? { id: service.office.id, ...address(service.office) } : null;
}
