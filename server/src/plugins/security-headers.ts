import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * The console's policy, and the API's: scripts and styles only from the
 * server's own files (the built index.html has no inline code), product
 * thumbnails from any shop over https, sockets to this origin only, and no
 * framing by anyone (clickjacking of admin screens).
 */
export const CONSOLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'https:', 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** A year, the figure HSTS preload lists ask for. */
const HSTS_SECONDS = 365 * 24 * 60 * 60;

export interface SecurityHeadersOptions {
  /** HSTS only makes sense (and only is safe to send) when the server sits behind TLS. */
  secureCookies: boolean;
}

/**
 * Security headers on every response. Routes with other needs set their own
 * after these: widget.js and its catalogues are read by every shop
 * (Cross-Origin-Resource-Policy: cross-origin), the demo shop has its own CSP.
 */
export const securityHeadersPlugin = fp<SecurityHeadersOptions>(
  async (app, { secureCookies }) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: secureCookies ? { maxAge: HSTS_SECONDS, includeSubDomains: true } : false,
      // The console loads nothing cross-origin that would need to opt in.
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers', fastify: '5.x' },
);
