package ru.journalarchive.app.connectors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the sources' OAuth tokens for the database with AES-256-GCM (random 12-byte nonce in front);
 * the key comes from the environment (JA_CONNECTORS_KEY), so a database dump alone reveals no token.
 * The source's code is bound as associated data: a token copied to another source does not decrypt.
 */
public final class TokenCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public TokenCipher(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            key = null;
            return;
        }
        byte[] raw = Base64.getDecoder().decode(base64Key.trim());
        if (raw.length != 32) throw new IllegalArgumentException("JA_CONNECTORS_KEY must be 32 bytes in base64");
        key = new SecretKeySpec(raw, "AES");
    }

    public boolean configured() {
        return key != null;
    }

    public byte[] encrypt(String source, String token) {
        if (token == null) return null;
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, source);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting a token failed", e);
        }
    }

    public String decrypt(String source, byte[] stored) {
        if (stored == null) return null;
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, 12);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, source);
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SourceException("Сохранённый токен источника не расшифровывается: ключ JA_CONNECTORS_KEY сменился? "
                    + "Авторизуйте источник заново.", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String source) throws GeneralSecurityException {
        if (key == null) throw new SourceException("Не задан ключ шифрования токенов JA_CONNECTORS_KEY: токены источников не сохраняются.");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(source.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
