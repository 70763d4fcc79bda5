import { describe, expect, it } from "vitest";
import { BOOKS_PER_PAGE, BookShelf, bookQueryPath, readBookQuery, readNewBook } from "../src/live/book-shelf.js";

describe("the book shelf", () => {
  it("sorts by any column in both directions, ties broken by id, and pages through the result", () => {
    const shelf = new BookShelf([
      { title: "b", author: "Y", year: 2000, pages: 1 },
      { title: "a", author: "Z", year: 1990, pages: 1 },
      { title: "c", author: "X", year: 2000, pages: 1 },
    ]);
    expect(shelf.page({ sort: "title", dir: "asc", page: 1 }).rows.map((book) => book.title)).toEqual(["a", "b", "c"]);
    expect(shelf.page({ sort: "author", dir: "asc", page: 1 }).rows.map((book) => book.title)).toEqual(["c", "b", "a"]);
    expect(shelf.page({ sort: "year", dir: "asc", page: 1 }).rows.map((book) => book.id)).toEqual([2, 1, 3]);
    expect(shelf.page({ sort: "year", dir: "desc", page: 1 }).rows.map((book) => book.id)).toEqual([3, 1, 2]);
  });

  it("reads a page past the end as the last page", () => {
    const shelf = new BookShelf();
    const last = shelf.pageCount();
    expect(last).toBe(Math.ceil(shelf.size / BOOKS_PER_PAGE));
    const page = shelf.page({ sort: "title", dir: "asc", page: 999 });
    expect(page.page).toBe(last);
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it("adds books with fresh ids and removes them", () => {
    const shelf = new BookShelf([]);
    const added = shelf.add({ title: "t", author: "a", year: 1, pages: 0 });
    expect(added.id).toBe(1);
    expect(shelf.remove(1)).toEqual(added);
    expect(shelf.remove(1)).toBeUndefined();
    expect(shelf.add({ title: "u", author: "a", year: 1, pages: 0 }).id).toBe(2);
  });
});

describe("the list's URL", () => {
  it("round-trips through the query string", () => {
    const query = { sort: "year", dir: "desc", page: 3 } as const;
    const params = Object.fromEntries(new URL(bookQueryPath(query), "http://x").searchParams);
    expect(readBookQuery(params)).toEqual(query);
  });

  it("falls back to the defaults for anything unexpected", () => {
    expect(readBookQuery({ sort: "price", dir: "sideways", page: "0" })).toEqual({ sort: "title", dir: "asc", page: 1 });
    expect(readBookQuery({ sort: ["year"], page: "1e3" })).toEqual({ sort: "title", dir: "asc", page: 1 });
  });
});

describe("a new book from the form", () => {
  it("needs a title, an author and a plausible year", () => {
    expect(readNewBook({ title: " Dune ", author: "Frank Herbert", year: "1965" })).toEqual({ ok: true, book: { title: "Dune", author: "Frank Herbert", year: 1965, pages: 0 } });
    expect(readNewBook({ title: "Dune" })).toEqual({ ok: false, message: "A book needs a title and an author." });
    expect(readNewBook({ title: "Dune", author: "F", year: "soon" })).toEqual({ ok: false, message: "The year is a number, this year or earlier." });
    expect(readNewBook({ title: "Dune", author: "F", year: "3000" })).toEqual({ ok: false, message: "The year is a number, this year or earlier." });
  });
});
