package io.dataconnector.camel.etl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Include/exclude table patterns: comma-separated globs ({@code *} any run of characters, {@code ?} one character),
 * matched case-insensitively against the table name ({@code admin_users}). A table loads when it matches an include
 * pattern (an empty include list means all) and no exclude pattern.
 */
public final class TableFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    public TableFilter(String includes, String excludes) {
        this.includes = compile(includes);
        this.excludes = compile(excludes);
    }

    public boolean accepts(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        boolean in = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(t).matches());
        return in && excludes.stream().noneMatch(p -> p.matcher(t).matches());
    }

    private static List<Pattern> compile(String globs) {
        List<Pattern> out = new ArrayList<>();
        if (globs == null) {
            return out;
        }
        for (String g : globs.split(",")) {
            String s = g.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            StringBuilder re = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            out.add(Pattern.compile(re.toString()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "TableFilter[include=" + includes + ", exclude=" + excludes + "]";
    }
}
