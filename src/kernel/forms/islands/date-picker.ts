/// <reference lib="dom" />

/*
 * The browser's calendar beside each date field. The text field stays what is sent and stays fully
 * usable by keyboard and without this script; the calendar is a native `<input type="date">` with a label
 * of its own and no name, so it never reaches the server. Choosing a day writes it into the text field the
 * German way; typing a complete day into the text field moves the calendar to it.
 */

const pad = (value: number) => String(value).padStart(2, '0');

/** The day in the text field as `YYYY-MM-DD`, when it reads as one (the server's reader decides the rest). */
function isoOf(text: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(text.trim());
  if (german) {
    const year = german[3]!.length === 2 ? 2000 + Number(german[3]) : Number(german[3]);
    return `${year}-${pad(Number(german[2]))}-${pad(Number(german[1]))}`;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : '';
}

function enhance(wrapper: HTMLElement): void {
  const field = wrapper.querySelector<HTMLInputElement>('input.date-field__input');
  if (!field || wrapper.querySelector('.date-field__picker')) return;
  const picker = document.createElement('input');
  picker.type = 'date';
  // A browser without a calendar turns the input back into text; then there is nothing to add.
  if (picker.type !== 'date') return;
  picker.id = `${field.id}-picker`;
  picker.className = 'kern-form-input__input date-field__picker';
  picker.value = isoOf(field.value);
  const label = document.createElement('label');
  label.className = 'kern-label date-field__picker-label';
  label.htmlFor = picker.id;
  label.textContent = wrapper.dataset.datePicker ?? '';
  picker.addEventListener('change', () => {
    const [year, month, day] = picker.value.split('-');
    if (year && month && day) field.value = `${day}.${month}.${year}`;
  });
  field.addEventListener('input', () => {
    const iso = isoOf(field.value);
    if (iso) picker.value = iso;
  });
  wrapper.append(label, picker);
}

for (const wrapper of document.querySelectorAll<HTMLElement>('[data-date-picker]')) enhance(wrapper);
