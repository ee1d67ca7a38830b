import { slug } from 'github-slugger';

/**
 * Addresses of the public help-center pages. Section anchors are GitHub-style heading slugs, so
 * content staff can predict them and they stay the same as long as the heading does.
 */

/** The `id` of a section on its help page (the intro's is the article title's, on the `<h1>`). */
export function sectionAnchor(heading: string): string {
  return slug(heading);
}

export function helpIndexPath(locale: string): string {
  return `/help/${locale}`;
}

/** `/help/<locale>/<id>`, with `#<anchor>` of the section when a heading is given. */
export function helpPagePath(locale: string, id: string, heading?: string): string {
  const page = `${helpIndexPath(locale)}/${id}`;
  return heading === undefined ? page : `${page}#${encodeURIComponent(sectionAnchor(heading))}`;
}

/** An absolute address under the public URL when one is configured (a path in it is kept); else the path as it is. */
export function publicAddress(path: string, publicUrl: string | undefined): string {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

/** True for an address a messenger can open (http or https), as opposed to a path on this server. */
export function isAbsoluteAddress(address: string | undefined): address is string {
  return address !== undefined && /^https?:\/\//i.test(address);
}
