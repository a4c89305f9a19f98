import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { Config } from '../config.ts';

/*
 * What a browser may do with the platform's pages. Features the platform does not use are switched off, so
 * that injected or third-party code could not use them either: no camera, microphone, USB, payment or
 * sensors. Geolocation stays allowed for the platform's own pages (a map that finds "where I am" for a
 * report or the nearest office); fullscreen likewise, for a map or a video shown large. Only features
 * Chromium and Firefox know are named, since an unknown one is reported as an error in the console.
 */
const permissionsPolicy = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=(self)',
  'geolocation=(self)',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * Sets the security headers on a response. A function of its own, not a plugin's hook, because responses
 * that never reach a route (a malformed address) must carry them as well.
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_URL'>, imageSources: readonly string[] = []): (request: IncomingMessage, response: ServerResponse) => void {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // KERN's icons are CSS masks with data: SVGs; modules add the origins their settings name (map tiles).
        imgSrc: ["'self'", 'data:', ...imageSources],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Over plain http (a developer's machine) HSTS would be ignored at best, and would pin a name that
    // later serves https elsewhere at worst.
    strictTransportSecurity: config.PUBLIC_URL.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    // frame-ancestors 'none' forbids framing; browsers that only know X-Frame-Options are told the same.
    xFrameOptions: { action: 'deny' },
  });
  return (request, response) => {
    // Helmet calls back at once; an error here is a mistake in the options above, not in the request.
    middleware(request, response, (error?: unknown) => {
      if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
    });
    response.setHeader('permissions-policy', permissionsPolicy);
  };
}
