/** The admin's privacy tools for one visitor, over the REST API. */

/** Where the browser downloads the visitor's data as a JSON file (the session cookie authenticates it). */
export function visitorExportUrl(visitorId: string): string {
  return `/api/admin/privacy/visitor/${encodeURIComponent(visitorId)}/export`;
}

/** Erases the visitor for good; false when the server refused or could not be reached. */
export async function eraseVisitor(visitorId: string): Promise<boolean> {
  try {
    const response = await fetch(`/api/admin/privacy/visitor/${encodeURIComponent(visitorId)}/erase`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    return response.ok;
  } catch {
    return false;
  }
}
