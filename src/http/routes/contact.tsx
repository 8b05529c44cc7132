import { Type } from 'typebox';
import { contactForm } from '../handlers/contact.tsx';
import type { Route, RouteContext } from '../routes.ts';

const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });

/** "Contact a human" at `/{lang}/contact`: a message that becomes an item of the desk's queue. */
export function contactRoutes(context: RouteContext): Route[] {
  const form = contactForm(context.handle);
  return [
    { method: 'GET', url: '/:lang/contact', permission: 'public', summary: 'Contact a human: a message to a person on the desk', hidden: true, schema: { tags: ['site'], params: LangParams }, handler: form.show },
    { method: 'POST', url: '/:lang/contact', permission: 'public', summary: 'Send the contact form', hidden: true, schema: { tags: ['site'], params: LangParams }, handler: form.submit },
  ];
}
