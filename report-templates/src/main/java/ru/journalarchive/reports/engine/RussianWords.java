package ru.journalarchive.reports.engine;

/** Numbers in Russian words, as the certification of a bound journal writes the page count. */
public final class RussianWords {

    private static final String[] UNITS = {"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
            "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
            "семнадцать", "восемнадцать", "девятнадцать"};
    private static final String[] TENS = {"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят",
            "семьдесят", "восемьдесят", "девяносто"};
    private static final String[] HUNDREDS = {"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот",
            "семьсот", "восемьсот", "девятьсот"};

    private RussianWords() {}

    /** 1–9999 in words, masculine (лист): 42 → «сорок два». */
    public static String number(int n) {
        if (n <= 0 || n > 9999) throw new IllegalArgumentException("out of range: " + n);
        var words = new StringBuilder();
        if (n >= 1000) {
            int thousands = n / 1000;
            words.append(switch (thousands) {
                case 1 -> "одна тысяча";
                case 2 -> "две тысячи";
                case 3, 4 -> UNITS[thousands] + " тысячи";
                default -> UNITS[thousands] + " тысяч";
            });
        }
        int rest = n % 1000;
        append(words, HUNDREDS[rest / 100]);
        int lastTwo = rest % 100;
        if (lastTwo < 20) {
            append(words, UNITS[lastTwo]);
        } else {
            append(words, TENS[lastTwo / 10]);
            append(words, UNITS[lastTwo % 10]);
        }
        return words.toString();
    }

    /** «42 (сорок два) листа». */
    public static String sheets(int n) {
        return n + " (" + number(n) + ") " + plural(n, "лист", "листа", "листов");
    }

    public static String plural(int n, String one, String few, String many) {
        int lastTwo = n % 100;
        int last = n % 10;
        if (lastTwo >= 11 && lastTwo <= 14) return many;
        if (last == 1) return one;
        if (last >= 2 && last <= 4) return few;
        return many;
    }

    private static void append(StringBuilder words, String word) {
        if (word.isEmpty()) return;
        if (!words.isEmpty()) words.append(' ');
        words.append(word);
    }
}
