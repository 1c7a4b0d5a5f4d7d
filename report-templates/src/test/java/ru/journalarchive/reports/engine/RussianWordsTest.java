package ru.journalarchive.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RussianWordsTest {

    @Test
    void thePageCountIsWrittenInWordsWithTheRightForm() {
        assertThat(RussianWords.sheets(1)).isEqualTo("1 (один) лист");
        assertThat(RussianWords.sheets(3)).isEqualTo("3 (три) листа");
        assertThat(RussianWords.sheets(12)).isEqualTo("12 (двенадцать) листов");
        assertThat(RussianWords.sheets(42)).isEqualTo("42 (сорок два) листа");
        assertThat(RussianWords.sheets(111)).isEqualTo("111 (сто одиннадцать) листов");
        assertThat(RussianWords.sheets(2021)).isEqualTo("2021 (две тысячи двадцать один) лист");
    }
}
