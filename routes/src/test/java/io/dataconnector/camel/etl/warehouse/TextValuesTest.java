package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text fast path of the PostgreSQL COPY sink means what {@link Values} means, and refuses what it refuses. */
class TextValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UUID|11111111-1111-1111-1111-111111111111", "UUID|ABCDEF01-1111-1111-1111-111111111111",
        "UUID| 11111111-1111-1111-1111-111111111111 ",
        "TIMESTAMP|2024-01-02 03:04:05.678", "TIMESTAMP|2024-01-02 03:04:05.678 UTC", "TIMESTAMP|2024-01-02 03:04:05",
        "TIMESTAMP|2024-02-29 23:59:59.123456", "TIMESTAMP|2024-01-02T05:04:05+02:00", "TIMESTAMP|2024-01-02",
        "TIMESTAMP|2024-01-02T03:04:05Z", "TIMESTAMP|2024-01-31 00:00:00.1 UTC",
        "TIMESTAMP|2018-10-20 15:45:47.54+00", "TIMESTAMP|2018-10-20 15:45:47+0530", "TIMESTAMP|2018-03-23 18:58:59 UTC",
        "TIMESTAMP|2018-03-23 18:58:59.123456 UTC", "DATE|2024-03-01", "DATE|2024-03-01 00:00:00 UTC",
        "NUMBER|12.50", "NUMBER|-3", "NUMBER|007", "NUMBER| 1e3", "NUMBER|1E+2",
        "BOOLEAN|t", "BOOLEAN|f", "BOOLEAN|TRUE", "BOOLEAN|no", "BOOLEAN|1"})
    void canonicalTextMeansTheSameValue(ColumnType type, String text) {
        String canonical = TextValues.canonical(type, text);
        Object expected = Values.convert(type, text);
        Object actual = switch (type) {
            case UUID -> UUID.fromString(canonical);
            case TIMESTAMP -> LocalDateTime.parse(canonical.replace(' ', 'T'));
            case DATE -> java.time.LocalDate.parse(canonical);
            case NUMBER -> new BigDecimal(canonical);
            case BOOLEAN -> canonical.equals("t");
            case TEXT -> canonical;
        };
        if (expected instanceof BigDecimal d) {
            assertThat((BigDecimal) actual).isEqualByComparingTo(d);
        } else {
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(canonical.chars().allMatch(c -> c < 0x80)).as("typed text is ASCII").isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"UUID|1111", "UUID|11111111-1111-1111-1111-11111111111g",
        "TIMESTAMP|2024-13-02 03:04:05", "TIMESTAMP|2024-02-30 03:04:05", "TIMESTAMP|yesterday", "NUMBER|12,5",
        "NUMBER|1.2.3", "BOOLEAN|maybe", "DATE|2024-03-01 12:00:00", "DATE|03/01/2024", "NUMBER|10 m2"})
    void refusesWhatValuesRefuses(ColumnType type, String text) {
        assertThatThrownBy(() -> Values.convert(type, text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextValues.canonical(type, text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"UUID|  ", "NUMBER| ", "TIMESTAMP| "})
    void blankTypedValuesAreNull(ColumnType type, String text) {
        assertThat(TextValues.canonical(type, text)).isNull();
    }
}
