/**
 * Digits grouped by single spaces or dashes. Not after a digit (the regex
 * already takes whole runs), nor after `+` (phone numbers), `#` (order
 * numbers) or a letter, nor after a digit and a space: an IBAN ("ES91 2100
 * 0418 …") thus yields no run, where one in four would hold a Luhn-valid span.
 */
const RUN = /(?<![\w+#]|\d )\d+(?:[ -]\d+)*/g;

/** Twelve digits with at most one separator between each: what every card holds. */
const CANDIDATE = /\d(?:[ -]?\d){11}/;

/**
 * A test that allocates nothing, for the server to run on every text before
 * masking; false means the text holds no card number. (maskCardNumbers keeps
 * its own shorter check: the widget pays for every byte.)
 */
export function mayHoldCardNumber(text: string): boolean {
  return CANDIDATE.test(text);
}

/**
 * 12 to 19 digits. Payment cards start with 2 (Mastercard 2221-2720, Mir 2200-2204) or 3 to 6;
 * this keeps dates (20240312…), airline (1), fuel (7), telecom (8, 00
 * prefixes) and national (9) numbers, which can pass Luhn, unmasked.
 */
const ISSUER = /^(?=\d{12,19}$)(?:2[2-7]|[3-6])/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = +digits[digits.length - 1 - i]!;
    sum += i % 2 ? +'0246813579'[digit]! : digit;
  }
  return sum % 10 === 0;
}

const isCard = (digits: string) => ISSUER.test(digits) && luhn(digits);

/**
 * Masks every digit of a card number but the last four, keeping its
 * separators: in the widget before a message leaves the page, and again on
 * the server for clients that skip the widget. Within one run of groups the
 * card may sit beside other numbers ("4111 1111 1111 1111 123" with the
 * CVV), so every span of whole groups is tried, longest first.
 */
export function maskCardNumbers(text: string): string {
  if (text.replace(/\D/g, '').length < 12) return text;
  return text.replace(RUN, (run) => {
    // Alternating digits and separators: even indexes are groups.
    const parts = run.split(/([ -])/);
    for (let start = 0; start < parts.length; start += 2) {
      // A card has at most 19 digits, so at most 19 groups: bounds the work on long digit lists.
      for (let end = Math.min(parts.length - 1, start + 36); end >= start; end -= 2) {
        const span = parts.slice(start, end + 1).join('');
        if (!isCard(span.replace(/\D/g, ''))) continue;
        parts.fill('', start, end + 1);
        parts[start] = span.replace(/\d(?=(?:\D*\d){4})/g, '•');
        start = end;
        break;
      }
    }
    return parts.join('');
  });
}
