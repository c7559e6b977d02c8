// The dashboard's tables: one captioned table with a header row of column names (Table), and the charts'
// accessible version of their figures (DataTable). A wide table scrolls inside a region that takes focus,
// so it can be scrolled from the keyboard.
import type { ReactNode } from 'react';

export type Column = string | { key: string; label: ReactNode; className?: string };

export function Table({
  caption,
  captionId,
  captionClassName = 'sr-only',
  columns,
  className = 'w-full border-collapse text-left',
  headRowClassName,
  headCellClassName,
  region,
  children,
}: {
  caption: ReactNode;
  /** Names the scrolling region after the caption; without it the region is labelled with the caption's text. */
  captionId?: string;
  captionClassName?: string;
  /** A name, or a cell of its own (a hidden name, its own width); a column's `className` replaces `headCellClassName`. */
  columns: Column[];
  className?: string;
  headRowClassName?: string;
  headCellClassName?: string;
  /** Scrolls inside a focusable region with these classes; absent for a table that always fits. */
  region?: string;
  /** The table's body rows. */
  children: ReactNode;
}) {
  const table = (
    <table className={className}>
      <caption id={captionId} className={captionClassName}>
        {caption}
      </caption>
      <thead>
        <tr className={headRowClassName}>
          {columns.map((column) => {
            const { key, label, className: own } = typeof column === 'string' ? { key: column, label: column, className: undefined } : column;
            return (
              <th key={key} scope="col" className={own ?? headCellClassName}>
                {label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (region === undefined) return table;
  const name = captionId ? { 'aria-labelledby': captionId } : { 'aria-label': typeof caption === 'string' ? caption : undefined };
  return (
    <div role="region" {...name} tabIndex={0} className={region}>
      {table}
    </div>
  );
}

/** A chart's figures as a table: row headers in the first column, numbers right-aligned. */
export function DataTable({
  caption,
  columns,
  rows,
  empty = 'Nothing in this range.',
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  empty?: string;
}) {
  // A long label can make the table wider than a phone: it then scrolls, and can be scrolled from the keyboard.
  return (
    <Table
      caption={caption}
      captionClassName="mb-1 text-left font-semibold"
      className="w-full border-collapse text-left text-sm"
      headRowClassName="border-b-2 border-ink"
      columns={columns.map((column, i) => ({ key: column, label: column, className: `px-2 py-1 align-bottom ${i > 0 ? 'text-right' : ''}` }))}
      region="overflow-x-auto"
    >
      {rows.length === 0 ? (
        <tr>
          <td colSpan={columns.length} className="px-2 py-2 text-muted">
            {empty}
          </td>
        </tr>
      ) : (
        rows.map((row) => (
          <tr key={row.key} className="border-b border-line">
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-2 py-1 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="px-2 py-1 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))
      )}
    </Table>
  );
}
