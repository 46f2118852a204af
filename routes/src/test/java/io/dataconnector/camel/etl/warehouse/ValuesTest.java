package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How {@link Values} shows a value in its messages (warnings and errors are read one line at a time). */
class ValuesTest {

    @Test
    void aValueInAMessageStaysOnOneLineAndShort() {
        assertThat(Values.shorten("first line\nsecond line\r\n\tend")).isEqualTo("first line\\nsecond line\\r\\n\\tend");
        assertThat(Values.shorten("x".repeat(70))).isEqualTo("x".repeat(60) + "…");
        assertThatThrownBy(() -> Values.convert(ColumnType.NUMBER, "12\n34")).hasMessage("not a number: '12\\n34'");
    }
}
