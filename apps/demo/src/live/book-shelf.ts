import type { LiveParams } from "@cinder/server";

export interface Book {
  readonly id: number;
  readonly title: string;
  readonly author: string;
  readonly year: number;
  readonly pages: number;
}

export type NewBook = Omit<Book, "id">;

export const BOOK_SORTS = ["title", "author", "year"] as const;
export type BookSort = (typeof BOOK_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** What the list shows, read from its URL (`/books?sort=year&dir=desc&page=2`). */
export interface BookQuery {
  readonly sort: BookSort;
  readonly dir: SortDirection;
  readonly page: number;
}

export const DEFAULT_BOOK_QUERY: BookQuery = { sort: "title", dir: "asc", page: 1 };
export const BOOKS_PER_PAGE = 5;

const CLASSICS: readonly NewBook[] = [
  { title: "Nineteen Eighty-Four", author: "George Orwell", year: 1949, pages: 328 },
  { title: "Pride and Prejudice", author: "Jane Austen", year: 1813, pages: 432 },
  { title: "Moby-Dick", author: "Herman Melville", year: 1851, pages: 635 },
  { title: "Frankenstein", author: "Mary Shelley", year: 1818, pages: 280 },
  { title: "The Trial", author: "Franz Kafka", year: 1925, pages: 255 },
  { title: "Don Quixote", author: "Miguel de Cervantes", year: 1605, pages: 1072 },
  { title: "Middlemarch", author: "George Eliot", year: 1871, pages: 880 },
  { title: "War and Peace", author: "Leo Tolstoy", year: 1869, pages: 1225 },
  { title: "Crime and Punishment", author: "Fyodor Dostoevsky", year: 1866, pages: 671 },
  { title: "Mrs Dalloway", author: "Virginia Woolf", year: 1925, pages: 194 },
  { title: "One Hundred Years of Solitude", author: "Gabriel García Márquez", year: 1967, pages: 417 },
  { title: "Things Fall Apart", author: "Chinua Achebe", year: 1958, pages: 209 },
  { title: "The Master and Margarita", author: "Mikhail Bulgakov", year: 1967, pages: 412 },
  { title: "Beloved", author: "Toni Morrison", year: 1987, pages: 324 },
  { title: "The Left Hand of Darkness", author: "Ursula K. Le Guin", year: 1969, pages: 304 },
  { title: "Invisible Cities", author: "Italo Calvino", year: 1972, pages: 165 },
  { title: "The Name of the Rose", author: "Umberto Eco", year: 1980, pages: 536 },
  { title: "Jane Eyre", author: "Charlotte Brontë", year: 1847, pages: 532 },
  { title: "Wuthering Heights", author: "Emily Brontë", year: 1847, pages: 416 },
  { title: "The Stranger", author: "Albert Camus", year: 1942, pages: 123 },
  { title: "Madame Bovary", author: "Gustave Flaubert", year: 1857, pages: 329 },
  { title: "Brave New World", author: "Aldous Huxley", year: 1932, pages: 311 },
];

function compareBooks(sort: BookSort, a: Book, b: Book): number {
  const byField = sort === "year" ? a.year - b.year : a[sort].localeCompare(b[sort], "en");
  return byField !== 0 ? byField : a.id - b.id;
}

/**
 * One visitor's shelf: the classics to start with, plus what they add, minus what they delete.
 * It stands for a database table; the view keeps only the rows on screen (in a stream).
 */
export class BookShelf {
  readonly #books = new Map<number, Book>();
  #nextId = 1;

  constructor(books: readonly NewBook[] = CLASSICS) {
    for (const book of books) this.add(book);
  }

  get size(): number {
    return this.#books.size;
  }

  pageCount(): number {
    return Math.max(1, Math.ceil(this.#books.size / BOOKS_PER_PAGE));
  }

  /** The rows of one page, sorted. A page past the end reads as the last page. */
  page(query: BookQuery): { rows: Book[]; page: number } {
    const page = Math.min(query.page, this.pageCount());
    const sorted = [...this.#books.values()].sort((a, b) => compareBooks(query.sort, a, b));
    if (query.dir === "desc") sorted.reverse();
    return { rows: sorted.slice((page - 1) * BOOKS_PER_PAGE, page * BOOKS_PER_PAGE), page };
  }

  add(book: NewBook): Book {
    const added: Book = { id: this.#nextId++, ...book };
    this.#books.set(added.id, added);
    return added;
  }

  remove(id: number): Book | undefined {
    const book = this.#books.get(id);
    this.#books.delete(id);
    return book;
  }

  find(id: number): Book | undefined {
    return this.#books.get(id);
  }
}

/** The list's query from URL params; anything unexpected falls back to the default. */
export function readBookQuery(params: LiveParams): BookQuery {
  const sort = BOOK_SORTS.find((candidate) => candidate === params["sort"]) ?? DEFAULT_BOOK_QUERY.sort;
  const dir: SortDirection = params["dir"] === "desc" ? "desc" : "asc";
  const page = typeof params["page"] === "string" && /^[1-9]\d{0,4}$/.test(params["page"]) ? Number(params["page"]) : 1;
  return { sort, dir, page };
}

export function bookQueryPath(query: BookQuery): string {
  return `/books?${new URLSearchParams({ sort: query.sort, dir: query.dir, page: String(query.page) }).toString()}`;
}

/** A book typed into the "add a book" form, or what is wrong with it. */
export function readNewBook(form: { title?: unknown; author?: unknown; year?: unknown }): { ok: true; book: NewBook } | { ok: false; message: string } {
  const title = typeof form.title === "string" ? form.title.trim() : "";
  const author = typeof form.author === "string" ? form.author.trim() : "";
  const yearText = typeof form.year === "string" ? form.year.trim() : "";
  if (title === "" || author === "") return { ok: false, message: "A book needs a title and an author." };
  if (title.length > 120 || author.length > 80) return { ok: false, message: "That title or author is too long." };
  if (!/^-?\d{1,4}$/.test(yearText) || Number(yearText) > new Date().getFullYear()) return { ok: false, message: "The year is a number, this year or earlier." };
  return { ok: true, book: { title, author, year: Number(yearText), pages: 0 } };
}
