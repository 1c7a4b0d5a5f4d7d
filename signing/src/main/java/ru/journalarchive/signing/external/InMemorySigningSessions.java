package ru.journalarchive.signing.external;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SigningSessions} in a map of this process: for one process only. */
final class InMemorySigningSessions implements SigningSessions {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(Session session) {
        sessions.putIfAbsent(session.id(), session);
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        return Optional.ofNullable(sessions.get(id)).filter(s -> s.openAt(now));
    }

    @Override
    public Optional<Session> take(String id, Instant now) {
        return find(id, now).filter(s -> sessions.remove(id, s));
    }

    @Override
    public List<Open> open(String owner, Instant now) {
        return sessions.values().stream().filter(s -> Objects.equals(owner, s.owner()) && s.openAt(now))
                .sorted(Comparator.comparing(Session::reference, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Session::expiresAt))
                .map(s -> new Open(s.reference(), s.pdf(), s.prepared())).toList();
    }

    @Override
    public void removeExpired(Instant now) {
        sessions.values().removeIf(s -> !s.openAt(now));
    }
}
