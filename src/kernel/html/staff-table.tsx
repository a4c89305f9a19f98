import type { ComponentChildren } from 'preact';

/**
 * The staff pages' tables: compact, scrolling sideways on a phone, a caption for screen readers (the section's
 * heading is visible above), a header cell per column; the rows are the caller's.
 */
export function StaffTable({ caption, columns, children }: { caption: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--small">
        <caption class="kern-sr-only">{caption}</caption>
        <thead class="kern-table__header">
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}
