package dev.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutsideTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what the text does                 | text (\\e is ESC, \\a BEL, \\r CR, \\b BS) | printed
        "colours and cursor moves (CSI)         | \\e[31mred\\e[0m \\e[2J\\e[Hhome           | red home",
        "a window title (OSC, BEL)              | \\e]0;pwned\\atitle                        | title",
        "a hyperlink (OSC, ESC backslash)       | \\e]8;;https://evil\\e\\\\link\\e]8;;\\e\\\\ | link",
        "a charset switch (ESC with a final)    | a\\e(0b                                    | ab",
        "a sequence cut off at the end          | done\\e[1                                  | done",
        "a line overwritten by carriage return  | ok\\rFAIL                                  | okFAIL",
        "backspaces, bell and NUL               | a\\b\\a\u0000b                             | ab",
        "C1 controls: CSI as one byte, NEL, DEL | x\u009B2Jy\u0085z\u007F                     | x2Jyz",
        "plain text, accents and emoji          | runner été 🚀                              | runner été 🚀"})
    void dropsWhatATerminalWouldObey(String what, String text, String printed) {
        assertThat(OutsideText.printable(unescape(text))).as(what).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"line feed and tab stay | one\\ntwo\\tthree"})
    void keepsLineBreaksAndTabs(String what, String text) {
        assertThat(OutsideText.printable(unescape(text))).as(what).isEqualTo(unescape(text));
    }

    @Test
    void leavesNullAlone() {
        assertThat(OutsideText.printable(null)).isNull();
    }

    private static String unescape(String text) {
        return text.replace("\\e", "\u001B").replace("\\a", "\u0007").replace("\\r", "\r").replace("\\b", "\b")
                .replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
}
