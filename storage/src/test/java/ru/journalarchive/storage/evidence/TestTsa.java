package ru.journalarchive.storage.evidence;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;

/** The project's real GOST TSA on a test PKI of its own, counting its answers, able to refuse the next ones. */
final class TestTsa implements ArchiveTimeStamping {

    final TestPki pki;
    private final TimeStampAuthority authority;
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();

    /** A TSA whose certificate expires {@code validFor} from now (TestPki issues the TSA for 10 years). */
    static TestTsa expiringIn(Duration validFor) {
        return new TestTsa(new TestPki(GostAlgorithm.GOST_2012_256, Instant.now().minus(Duration.ofDays(3650)).plus(validFor)));
    }

    static TestTsa fresh() {
        return new TestTsa(new TestPki(GostAlgorithm.GOST_2012_256, Instant.now()));
    }

    private TestTsa(TestPki pki) {
        this.pki = pki;
        this.authority = new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate()),
                Clock.systemUTC());
    }

    @Override
    public TimeStampResponse stamp(TimeStampRequest request) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("TSA unreachable (test)");
        try {
            var response = new TimeStampResponse(authority.respond(request.getEncoded()));
            answered.incrementAndGet();
            return response;
        } catch (IOException | TSPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stamping that forwards to whichever TSA the test points it at. */
    static final class Switch implements ArchiveTimeStamping {
        volatile ArchiveTimeStamping to;

        Switch(ArchiveTimeStamping to) {
            this.to = to;
        }

        @Override
        public TimeStampResponse stamp(TimeStampRequest request) {
            return to.stamp(request);
        }
    }
}
