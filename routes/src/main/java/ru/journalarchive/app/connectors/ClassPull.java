package ru.journalarchive.app.connectors;

import java.time.LocalDate;

/** The body a kind's route gets: fetch this class of this source for the window, through the open session. */
public record ClassPull(ConnectorSource source, SourceConnector.Session session, SourceConnector.RemoteClass remoteClass,
                        LocalDate from, LocalDate to) {}
