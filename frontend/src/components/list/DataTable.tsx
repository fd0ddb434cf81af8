import { Fragment, type ReactNode } from "react";

export interface Column<T> {
  /** Unique among the columns. */
  key: string;
  /** The column header (a visually hidden text for an actions column). */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell names its row (a <th scope="row">): one column per table. */
  rowHeader?: boolean;
  className?: string;
  /** The cell's label when the table reflows into blocks on phones; by default the header's text, none for other headers. */
  label?: string;
}

interface DataTableProps<T> {
  /** Names the table (visually hidden with `hiddenCaption`). */
  caption: ReactNode;
  hiddenCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowClassName?: (row: T) => string | undefined;
  /** A full-width row under a row (an inline form…), or nothing. */
  after?: (row: T) => ReactNode;
}

/**
 * A list's table: caption, column headers, one row per item. Below 48rem it
 * reflows into labelled blocks (data-label, see data-table--reflow).
 */
export function DataTable<T>({ caption, hiddenCaption, columns, rows, rowKey, rowClassName, after }: DataTableProps<T>) {
  return (
    <div className="table-wrapper">
      <table className="data-table data-table--reflow">
        <caption className={hiddenCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const extra = after?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr className={rowClassName?.(row)}>
                  {columns.map((column) => {
                    const label = column.label ?? (typeof column.header === "string" ? column.header : undefined);
                    const Cell = column.rowHeader ? "th" : "td";
                    return (
                      <Cell key={column.key} scope={column.rowHeader ? "row" : undefined} data-label={label} className={column.className}>
                        {column.cell(row)}
                      </Cell>
                    );
                  })}
                </tr>
                {extra ? (
                  <tr>
                    <td colSpan={columns.length}>{extra}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
