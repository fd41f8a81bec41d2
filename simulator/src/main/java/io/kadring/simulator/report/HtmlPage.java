package io.kadring.simulator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-contained HTML page, built top to bottom: headings, paragraphs, tables and inline SVG
 * figures, with its style inline. No script and nothing loaded from elsewhere, so the file can
 * be opened from disk, mailed or archived as it is. Text is escaped; only SVG from this
 * package's charts goes in as markup.
 */
public final class HtmlPage {
    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
            th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: right; }
            th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
            figure { margin: 1rem 0; } figcaption { font-size: 0.85rem; color: #555; max-width: 680px; }
            svg { max-width: 100%; height: auto; }
            p.note { color: #555; font-size: 0.9rem; }
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlPage(String title) {
        this.title = title;
        body.append("<h1>").append(Svg.escape(title)).append("</h1>\n");
    }

    public HtmlPage heading(String text) {
        body.append("<h2>").append(Svg.escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(Svg.escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph in small grey print: how a figure was measured, a caveat. */
    public HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(Svg.escape(text)).append("</p>\n");
        return this;
    }

    /** A table with a header row; cells are text. */
    public HtmlPage table(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<thead><tr>");
        for (String h : header) body.append("<th>").append(Svg.escape(h)).append("</th>");
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) body.append("<td>").append(Svg.escape(cell)).append("</td>");
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /** A chart from {@link LineChart#toSvg()} or {@link BarChart#toSvg()}, with a caption. */
    public HtmlPage figure(String svg, String caption) {
        body.append("<figure>\n").append(svg);
        if (caption != null && !caption.isEmpty()) {
            body.append("<figcaption>").append(Svg.escape(caption)).append("</figcaption>\n");
        }
        body.append("</figure>\n");
        return this;
    }

    public String toHtml() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + Svg.escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + body + "</body>\n</html>\n";
    }

    /** Writes {@code dir/index.html}, creating {@code dir} if needed; returns the file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("index.html");
        Files.writeString(file, toHtml(), StandardCharsets.UTF_8);
        return file;
    }
}
