/** Patterns shared by the edge checks. */

export const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
