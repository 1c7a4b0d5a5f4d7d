package ru.journalarchive.reports.monitoring;

import java.util.List;

/** The district roll-up: the monitoring reports of several schools for one period, side by side. */
public record DistrictMonitoring(String authorityName, String periodName, List<MonitoringReport> schools) {}
