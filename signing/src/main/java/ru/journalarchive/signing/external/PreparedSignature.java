package ru.journalarchive.signing.external;

import java.time.Instant;

/**
 * The first step of signing with a key that stays on a token: the session id to complete with, the
 * hash the token must sign (its messageDigest), the digest algorithm, and until when the session lives.
 */
public record PreparedSignature(String sessionId, byte[] hash, String digestAlgorithm, Instant expiresAt) {}
