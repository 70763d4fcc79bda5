import { html, type Template } from "@cinder/server";

export interface Column<Row> {
  readonly label: string;
  render(row: Row): string | number | Template;
}

export interface TableProps<Row> {
  readonly id: string;
  readonly rows: readonly Row[];
  readonly columns: ReadonlyArray<Column<Row>>;
  /** A stable DOM id per row (keeps rows apart across updates). */
  readonly rowId: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  readonly empty?: string;
  /** `phx-click` event of a row, sent with `phx-value-id`. */
  readonly rowClick?: string;
}

/** A table that scrolls sideways inside its own box on narrow screens, never the whole page. */
export function table<Row>(props: TableProps<Row>): Template {
  if (props.rows.length === 0) return html`<p class="table-empty" id=${`${props.id}-empty`}>${props.empty ?? "Nothing here yet."}</p>`;
  return html`<div class="table-wrapper"><table id=${props.id} class="table">
    <thead><tr>${props.columns.map((column) => html`<th scope="col">${column.label}</th>`)}</tr></thead>
    <tbody>${props.rows.map(
      (row) => html`<tr id=${props.rowId(row)} phx-click=${props.rowClick} phx-value-id=${props.rowClick === undefined ? undefined : props.rowId(row)} class=${[props.rowClick !== undefined && "clickable"]}>${props.columns.map((column) => html`<td>${column.render(row)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}
