import { isTokenChar } from '../char-class';
import type { Detector } from './detector';

/**
 * JSON Web Tokens (JWS `h.p.s` and JWE with five segments): a base64url header starting
 * with `eyJ` (`{"`) and at least two dots. The token's extent is read once, so a search
 * resumes after it and `eyJeyJeyJ…` stays linear.
 */
export const jwtDetector: Detector = {
  name: 'jwt',
  mask: '[JWT]',
  minDigits: 0,
  scan(text, sink) {
    let at = text.indexOf('eyJ');
    while (at !== -1) {
      let end = at;
      let dots = 0;
      let segment = 0;
      let shortest = Infinity;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 46) {
          dots++;
          if (dots <= 2) shortest = Math.min(shortest, segment);
          segment = 0;
        } else if (isTokenChar(c)) {
          segment++;
        } else {
          break;
        }
        end++;
      }
      const boundary = at === 0 || !isTokenChar(text.charCodeAt(at - 1));
      if (boundary && dots >= 2 && shortest >= 4 && end - at >= 24) sink.add(at, end, '[JWT]');
      at = text.indexOf('eyJ', Math.max(end, at + 3));
    }
  },
};
