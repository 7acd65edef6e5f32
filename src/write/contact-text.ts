/** How a contact's phone number and web address are printed, on paper and on screen alike. */

/** A phone number is not broken across lines: its spaces are no-break spaces. */
export const unbrokenPhone = (phone: string): string => phone.replace(/ /g, '\u00a0');

/** An address as people write it: without `https://` or a closing slash (the link keeps them). */
export const shownUrl = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
