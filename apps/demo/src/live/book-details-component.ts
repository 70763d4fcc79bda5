import { defineLiveComponent, html } from "@cinder/server";
import type { Book } from "./book-shelf.js";

const STARS = [1, 2, 3, 4, 5] as const;

interface BookDetailsProps {
  book: Book | undefined;
}

interface BookDetailsState {
  /** Ratings by book id: the component's own state, kept while other books are shown. */
  ratings: Readonly<Record<number, number>>;
}

interface BookDetailsEvents {
  rate: { stars?: string };
}

/**
 * The details panel of the books page: a live component. Its star buttons send `rate` with
 * `phx-target=${assigns.myself}`, so the event goes to this component, not to the view, and the
 * reply carries only this component's diff (`"c"`).
 */
export const BookDetails = defineLiveComponent<BookDetailsProps, BookDetailsState, BookDetailsEvents>({
  name: "BookDetails",
  mount(socket) {
    socket.assign({ ratings: {} });
  },
  handleEvent: {
    rate(value, socket) {
      const book = socket.assigns.book;
      const stars = Number(value.stars);
      if (book === undefined || !STARS.includes(stars as (typeof STARS)[number])) return;
      socket.assign({ ratings: { ...socket.assigns.ratings, [book.id]: stars } });
    },
  },
  render(assigns) {
    const book = assigns.book;
    if (book === undefined) {
      return html`<aside id="book-details" class="card details"><p class="hint">Pick a title to see the book here.</p></aside>`;
    }
    const rating = assigns.ratings[book.id] ?? 0;
    return html`<aside id="book-details" class="card details">
      <h2 id="details-title">${book.title}</h2>
      <p>${book.author}, ${book.year}${book.pages > 0 ? ` · ${book.pages} pages` : ""}</p>
      <div class="row" role="group" aria-label="Your rating">
        ${STARS.map(
          (stars) => html`<button id=${`rate-${stars}`} type="button" phx-click="rate" phx-value-stars=${stars} phx-target=${assigns.myself}
            aria-pressed=${String(stars <= rating)} aria-label=${`${stars} stars`}>${stars <= rating ? "★" : "☆"}</button>`,
        )}
      </div>
      <p id="rating-text" class="hint">${rating > 0 ? `You rated it ${rating}/5.` : "Not rated yet."}</p>
    </aside>`;
  },
});
