// An application's logo is read by the gateway's one image body reader (http/image-body.ts); identity checks its bytes.

/** The media types a logo may have; identity checks the bytes match. */
export const LOGO_MEDIA_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
/** 2 MB, DOMAIN.md section 1. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
