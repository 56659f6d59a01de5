package io.dqlite4j.examples;

import static io.dqlite4j.examples.db.Tables.AUTHOR;
import static io.dqlite4j.examples.db.Tables.BOOK;
import static io.dqlite4j.examples.db.Tables.COPY;
import static io.dqlite4j.examples.db.Tables.EDITION;
import static io.dqlite4j.examples.db.Tables.GENRE;
import static io.dqlite4j.examples.db.Tables.LOAN;
import static io.dqlite4j.examples.db.Tables.MEMBER;
import static io.dqlite4j.examples.db.Tables.OPEN_LOAN;

import io.dqlite4j.examples.db.Keys;
import io.dqlite4j.examples.db.tables.Genre;
import io.dqlite4j.examples.db.tables.records.AuthorRecord;
import io.dqlite4j.examples.db.tables.records.BookRecord;
import io.dqlite4j.examples.db.tables.records.CopyRecord;
import io.dqlite4j.examples.db.tables.records.EditionRecord;
import io.dqlite4j.examples.db.tables.records.GenreRecord;
import io.dqlite4j.examples.db.tables.records.LoanRecord;
import io.dqlite4j.examples.db.tables.records.MemberRecord;
import io.dqlite4j.examples.db.tables.records.OpenLoanRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * The library's operations, written against the classes {@code dqlite-jooq:generate} made from
 * the migrations: typed records, typed DATETIME ({@link OffsetDateTime}) and BOOLEAN columns,
 * keys and foreign keys.
 */
final class Library {
    private final DSLContext ctx;

    Library(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Deletes the demo's rows (children first), so that a run against an existing cluster starts clean. */
    void clear() {
        ctx.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(LOAN).execute();
            tx.deleteFrom(COPY).execute();
            tx.deleteFrom(MEMBER).execute();
            tx.deleteFrom(EDITION).execute();
            tx.deleteFrom(BOOK).execute();
            tx.update(GENRE).setNull(GENRE.PARENT_ID).execute();
            tx.deleteFrom(GENRE).execute();
            tx.deleteFrom(AUTHOR).execute();
        });
    }

    /** The catalogue, in one transaction: records are stored and read their generated keys back. */
    String stockCatalogue() {
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            GenreRecord fiction = genre(tx, "Fiction", null);
            GenreRecord sf = genre(tx, "Science fiction", fiction.getId());
            GenreRecord fantasy = genre(tx, "Fantasy", fiction.getId());
            GenreRecord essays = genre(tx, "Essays", null);

            AuthorRecord leGuin = author(tx, "Ursula K. Le Guin", 1929);
            AuthorRecord lem = author(tx, "Stanisław Lem", 1921);
            AuthorRecord woolf = author(tx, "Virginia Woolf", 1882);

            int shelf = 0;
            int copies = 0;
            Object[][] books = {
                {"The Left Hand of Darkness", leGuin, sf, 1969, "978-0-441-47812-5", 2},
                {"The Dispossessed", leGuin, sf, 1974, "978-0-06-051275-3", 2},
                {"A Wizard of Earthsea", leGuin, fantasy, 1968, "978-0-547-72202-3", 1},
                {"Solaris", lem, sf, 1961, "978-0-15-602760-1", 2},
                {"A Room of One's Own", woolf, essays, 1929, "978-0-15-678733-8", 1},
            };
            for (Object[] b : books) {
                BookRecord book = tx.newRecord(BOOK)
                        .setTitle((String) b[0])
                        .setAuthorId(((AuthorRecord) b[1]).getId())
                        .setGenreId(((GenreRecord) b[2]).getId())
                        .setPublishedAt(OffsetDateTime.of((Integer) b[3], 6, 1, 0, 0, 0, 0, ZoneOffset.UTC));
                book.store();
                EditionRecord first = tx.newRecord(EDITION)
                        .setBookId(book.getId()).setEditionNo(1).setIsbn((String) b[4]);
                first.store();
                for (int i = 0; i < (Integer) b[5]; i++) {
                    // available and acquired_at keep their column defaults (1, CURRENT_TIMESTAMP).
                    tx.newRecord(COPY)
                            .setBookId(book.getId()).setEditionNo(1)
                            .setShelf("S" + (++shelf))
                            .store();
                    copies++;
                }
            }
            for (String[] m : new String[][] {{"Ada", "ada@example.org"}, {"Alan", "alan@example.org"},
                    {"Barbara", "barbara@example.org"}}) {
                tx.newRecord(MEMBER).setName(m[0]).setEmail(m[1]).store();
            }
            return "3 authors, 4 genres (2 sub-genres), " + books.length + " books, " + books.length
                    + " editions, " + copies + " copies, 3 members";
        });
    }

    private static GenreRecord genre(DSLContext tx, String name, Integer parent) {
        GenreRecord g = tx.newRecord(GENRE).setName(name).setParentId(parent);
        g.store(); // id is a rowid alias: the generated identity reads it back
        return g;
    }

    private static AuthorRecord author(DSLContext tx, String name, int born) {
        AuthorRecord a = tx.newRecord(AUTHOR).setName(name)
                .setBorn(java.time.LocalDate.of(born, 1, 1));
        a.store();
        return a;
    }

    /** Books with author and genre through the generated foreign-key paths, newest first. */
    Result<Record3<String, String, String>> booksNewestFirst() {
        return ctx.select(BOOK.TITLE, BOOK.author().NAME, BOOK.genre().NAME)
                .from(BOOK)
                .orderBy(BOOK.PUBLISHED_AT.desc())
                .fetch();
    }

    /** Sub-genres with their parent: the self-referencing foreign key. */
    List<String> genreTree() {
        Genre parent = GENRE.as("parent");
        return ctx.select(GENRE.NAME, parent.NAME)
                .from(GENRE)
                .join(parent).on(GENRE.PARENT_ID.eq(parent.ID))
                .orderBy(GENRE.NAME)
                .fetch(r -> r.value2() + " > " + r.value1());
    }

    /** Copies available now, with the ISBN read through the composite foreign key copy → edition. */
    List<String> availableCopies(String title) {
        return ctx.selectFrom(COPY)
                .where(COPY.AVAILABLE.isTrue())
                .and(COPY.BOOK_ID.in(DSL.select(BOOK.ID).from(BOOK).where(BOOK.TITLE.eq(title))))
                .orderBy(COPY.ID)
                .fetch(c -> "copy #" + c.getId() + " on " + c.getShelf() + ", ISBN "
                        + c.fetchParent(Keys.COPY__FK_COPY_BOOK_ID_EDITION_NO).getIsbn());
    }

    /**
     * Lends the first available copy of {@code title} to the member: find, insert the loan, mark
     * the copy lent, all in one transaction, which returns the new loan.
     */
    LoanRecord lend(String title, String memberEmail, int days) {
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            CopyRecord copy = tx.selectFrom(COPY)
                    .where(COPY.AVAILABLE.isTrue())
                    .and(COPY.BOOK_ID.in(DSL.select(BOOK.ID).from(BOOK).where(BOOK.TITLE.eq(title))))
                    .orderBy(COPY.ID)
                    .limit(1)
                    .fetchOptional()
                    .orElseThrow(() -> new IllegalStateException("no copy of " + title + " is available"));
            MemberRecord member = tx.selectFrom(MEMBER).where(MEMBER.EMAIL.eq(memberEmail)).fetchSingle();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            LoanRecord loan = tx.newRecord(LOAN)
                    .setCopyId(copy.getId())
                    .setMemberId(member.getId())
                    .setLentAt(now)
                    .setDueAt(now.plusDays(days));
            loan.store();
            copy.setAvailable(false).store();
            return loan;
        });
    }

    /** Marks a loan returned; the table's trigger puts the copy back on the shelf. */
    int giveBack(int loanId) {
        return ctx.update(LOAN)
                .set(LOAN.RETURNED_AT, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .where(LOAN.ID.eq(loanId))
                .and(LOAN.RETURNED_AT.isNull())
                .execute();
    }

    boolean copyAvailable(int copyId) {
        return ctx.select(COPY.AVAILABLE).from(COPY).where(COPY.ID.eq(copyId)).fetchSingle().value1();
    }

    /** The view: open loans with title and member. */
    Result<OpenLoanRecord> openLoans() {
        return ctx.selectFrom(OPEN_LOAN).orderBy(OPEN_LOAN.LOAN_ID).fetch();
    }

    int count(org.jooq.Table<?> table) {
        return ctx.fetchCount(table);
    }
}
