package io.dqlite4j.codegen;

import io.dqlite4j.sql.SqlStatement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Migration scripts: which files, in which order, and applying them over JDBC.
 *
 * <p>Each configured entry is a file, applied as given, or a directory, whose {@code *.sql}
 * files (not those of its subdirectories) are applied in lexical order of their names, so
 * {@code V1__init.sql}, {@code V2__books.sql}, ... run as numbered as long as the numbers have
 * the same width ({@code V10} sorts before {@code V2}). Entries are applied in the configured
 * order. Scripts are UTF-8; each is split into statements with {@link SqlStatement#split(String)},
 * which keeps {@code CREATE TRIGGER ... BEGIN ...; END} bodies whole, and each statement is run
 * on its own in autocommit mode.
 */
final class Migrations {
    private static final int QUOTE_LENGTH = 80;

    private Migrations() {
    }

    /**
     * The script files of the configured entries, in application order.
     *
     * @param entries files or directories, relative ones resolved against {@code basedir}
     * @throws CodegenException if an entry does not exist, or a directory holds no .sql file
     */
    static List<Path> resolve(List<Path> entries, Path basedir) throws CodegenException {
        List<Path> files = new ArrayList<>();
        for (Path entry : entries) {
            Path p = basedir.resolve(entry).normalize();
            if (Files.isDirectory(p)) {
                List<Path> scripts;
                try (Stream<Path> children = Files.list(p)) {
                    scripts = children
                            .filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f))
                            .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                            .toList();
                } catch (IOException e) {
                    throw new CodegenException("cannot list the migrations directory " + p + ": " + e.getMessage(), e);
                }
                if (scripts.isEmpty()) {
                    throw new CodegenException("the migrations directory " + p + " holds no .sql file");
                }
                files.addAll(scripts);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new CodegenException("migration " + p + " does not exist");
            }
        }
        return files;
    }

    /** A script's text, decoded strictly as UTF-8 so that a mis-encoded file is named, not garbled. */
    static String read(Path file) throws CodegenException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodegenException("migration " + file + " is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new CodegenException("cannot read migration " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the scripts in order.
     *
     * @param display how to name a file in messages (relative to the project, usually)
     * @throws CodegenException naming the file, the statement's 1-based number within the file,
     *         its first 80 characters and the server's message, on the first failing statement
     */
    static int apply(Connection connection, List<Path> files, Function<Path, String> display,
            Consumer<String> info) throws CodegenException {
        int total = 0;
        for (Path file : files) {
            List<SqlStatement> statements = SqlStatement.split(read(file));
            int n = 0;
            for (SqlStatement statement : statements) {
                n++;
                try (Statement s = connection.createStatement()) {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    throw new CodegenException("migration " + display.apply(file) + ", statement " + n + " ("
                            + quote(statement.sql()) + "): " + e.getMessage(), e);
                }
            }
            info.accept("applied " + display.apply(file) + " (" + n + (n == 1 ? " statement)" : " statements)"));
            total += n;
        }
        return total;
    }

    /** The statement's first 80 characters on one line, for a message. */
    static String quote(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTE_LENGTH ? oneLine : oneLine.substring(0, QUOTE_LENGTH) + "...";
    }
}
