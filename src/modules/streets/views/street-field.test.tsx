import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StreetField } from './street-field.tsx';

describe('the street field', () => {
  it('is a text field tied to a list of the street names, which works without script', () => {
    const html = render(<StreetField name="applicantStreet" label="Straße" names={['Markt', 'Kölner Straße', 'Am "Weiher"']} value="Kölner Str" autocomplete="address-line1" />);
    expect(html).toContain('<label class="kern-label" for="applicantStreet">Straße</label>');
    expect(html).toMatch(/<input[^>]*id="applicantStreet"[^>]*>/);
    const input = /<input[^>]*>/.exec(html)![0];
    expect(input).toContain('name="applicantStreet"');
    expect(input).toContain('list="applicantStreet-streets"');
    expect(input).toContain('value="Kölner Str"');
    expect(input).toContain('autocomplete="address-line1"');
    expect(html).toContain('<datalist id="applicantStreet-streets"><option value="Markt"></option><option value="Kölner Straße"></option><option value="Am &quot;Weiher&quot;"></option></datalist>');
  });

  it('shows its problem tied to the field, like every kernel field', () => {
    const html = render(<StreetField name="street" label="Straße" names={[]} error="Diese Straße gibt es in Erkelenz nicht." hint="Wählen Sie aus der Liste." />);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="street-hint street-error"');
    expect(html).toContain('<p class="kern-error" id="street-error">');
    expect(html).toContain('<datalist id="street-streets"></datalist>');
  });
});
