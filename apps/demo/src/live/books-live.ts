import { defineLiveView, html, liveComponent, liveLink, type LiveStreams, type Template } from "@cinder/server";
import { BookDetails } from "./book-details-component.js";
import { BookShelf, bookQueryPath, readBookQuery, readNewBook, type Book, type BookQuery, type BookSort } from "./book-shelf.js";
import { flashMessages } from "./flash-messages.js";

interface BooksAssigns {
  /** The visitor's shelf (stands for a database); never rendered as a whole. */
  shelf: BookShelf;
  query: BookQuery;
  pageCount: number;
  total: number;
  selected: Book | undefined;
  /** Counts added books; part of the add form's id, so each success renders a fresh, empty form. */
  added: number;
  addError: string | undefined;
  streams: LiveStreams<{ books: Book }>;
}

interface BooksEvents {
  select: { id?: string };
  delete: { id?: string };
  add: { book?: { title?: string; author?: string; year?: string } };
}

function bookId(value: { id?: string }): number {
  return Number(value.id);
}

/**
 * `/books` — a sortable, paginated list. Sorting and paging are `live_patch` links: the URL
 * changes (back and forward work), `handleParams` reads it and resets the rows' stream; the
 * server keeps no rows, the browser holds them. Adding and deleting books inserts into and
 * deletes from the stream; the details panel is a live component with its own state.
 */
export const BooksLive = defineLiveView<BooksAssigns, BooksEvents>({
  name: "BooksLive",
  mount(_params, _session, socket) {
    const shelf = new BookShelf();
    socket.assign({ shelf, total: shelf.size, pageCount: shelf.pageCount(), selected: undefined, added: 0, addError: undefined });
  },
  handleParams(params, _url, socket) {
    const { shelf } = socket.assigns;
    const wanted = readBookQuery(params);
    const { rows, page } = shelf.page(wanted);
    socket.stream("books", rows, { reset: true });
    socket.assign({ query: { ...wanted, page }, pageCount: shelf.pageCount() });
    socket.pageTitle(`Books · page ${page}`);
  },
  handleEvent: {
    select(value, socket) {
      socket.assign({ selected: socket.assigns.shelf.find(bookId(value)) });
    },
    delete(value, socket) {
      const { shelf, selected } = socket.assigns;
      const removed = shelf.remove(bookId(value));
      if (removed === undefined) return;
      socket.streamDelete("books", removed);
      socket.assign({ total: shelf.size, pageCount: shelf.pageCount(), selected: selected?.id === removed.id ? undefined : selected });
    },
    add(value, socket) {
      const read = readNewBook(value.book ?? {});
      if (!read.ok) {
        socket.assign({ addError: read.message });
        return;
      }
      const { shelf } = socket.assigns;
      const book = shelf.add(read.book);
      // On top of the page, which keeps its length: the last row leaves.
      socket.streamInsert("books", book, { at: 0, limit: 5 });
      socket.assign({ total: shelf.size, pageCount: shelf.pageCount(), added: socket.assigns.added + 1, addError: undefined, selected: book });
    },
  },
  render(assigns) {
    const { query } = assigns;
    const pages = Array.from({ length: assigns.pageCount }, (_unused, index) => index + 1);
    return html`<main class="wide">
    ${flashMessages(assigns.flash)}
    <div class="books-layout">
      <section class="card">
        <h1>Books <small class="hint" id="book-total">${assigns.total} on your shelf</small></h1>
        <table class="books">
          <thead><tr>${sortHeader(query, "title", "Title")}${sortHeader(query, "author", "Author")}${sortHeader(query, "year", "Year")}<th></th></tr></thead>
          <tbody id="books" phx-update="stream">${assigns.streams.books.map(
            ([domId, book]) => html`<tr id=${domId}>
              <td><button type="button" class="link" phx-click="select" phx-value-id=${book.id}>${book.title}</button></td>
              <td>${book.author}</td>
              <td>${book.year}</td>
              <td><button type="button" class="danger" phx-click="delete" phx-value-id=${book.id} aria-label=${`Delete ${book.title}`}>Delete</button></td>
            </tr>`,
          )}</tbody>
        </table>
        <nav class="pager" aria-label="Pages">${pages.map(
          (page) => html`<a id=${`page-${page}`} ${liveLink({ patch: bookQueryPath({ ...query, page }) })} aria-current=${page === query.page ? "page" : false}>${page}</a>`,
        )}</nav>
        <form id=${`add-book-${assigns.added}`} class="add-book row" phx-submit="add" autocomplete="off">
          <input name="book[title]" aria-label="Title" placeholder="Title">
          <input name="book[author]" aria-label="Author" placeholder="Author">
          <input name="book[year]" aria-label="Year" placeholder="Year" inputmode="numeric" size="5">
          <button type="submit">Add on top</button>
        </form>
        ${assigns.addError !== undefined ? html`<p class="error-text" id="add-book-error" role="alert">${assigns.addError}</p>` : ""}
        <p class="hint">Sorting and paging are <code>live_patch</code> links (try back and forward); the rows are a stream,
          so the server forgets them once they are sent.</p>
      </section>
      ${liveComponent(BookDetails, { id: "details", book: assigns.selected })}
    </div>
  </main>`;
  },
});

/** A column header that sorts by its field: ascending first, then flips the direction. */
function sortHeader(query: BookQuery, field: BookSort, label: string): Template {
  const current = query.sort === field;
  const target: BookQuery = { sort: field, dir: current && query.dir === "asc" ? "desc" : "asc", page: 1 };
  return html`<th><a id=${`sort-${field}`} ${liveLink({ patch: bookQueryPath(target) })}
      aria-sort=${current ? (query.dir === "asc" ? "ascending" : "descending") : false}>${label}${current ? (query.dir === "asc" ? " ▲" : " ▼") : ""}</a></th>`;
}
