package ru.journalarchive.reports.monitoring;

import java.math.BigDecimal;

/** The readiness indicators of the paperless journal and their thresholds (DOMAIN.md). */
public enum Indicator {
    SCHEDULE("Заполненность расписания", "классы с расписанием", new BigDecimal("100")),
    PLANNING("Планирование", "уроки с темой или домашним заданием", new BigDecimal("95")),
    KEEPING("Ведение журнала", "уроки с отметкой, пропуском, отметкой о проведении или комментарием", new BigDecimal("90")),
    TIMELINESS("Своевременность", "записи, внесённые до 12:00 следующего дня", new BigDecimal("90")),
    ONLINE("Ведение в режиме онлайн", "записи, внесённые в течение 24 часов после урока", new BigDecimal("35")),
    PARENT_ACCOUNTS("Учётные записи родителей", "обучающиеся, у родителей которых есть учётная запись", new BigDecimal("80"));

    private final String title;
    private final String meaning;
    private final BigDecimal threshold;

    Indicator(String title, String meaning, BigDecimal threshold) {
        this.title = title;
        this.meaning = meaning;
        this.threshold = threshold;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }

    /** The least percentage that passes. */
    public BigDecimal threshold() {
        return threshold;
    }
}
