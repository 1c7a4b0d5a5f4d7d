package ru.journalarchive.app.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.Problem;

/** Reads the push format strictly: unknown fields and wrong types are errors with their path. */
@Component
public class BatchParser {

    private final ObjectReader reader;

    public BatchParser(ObjectMapper objectMapper) {
        this.reader = objectMapper.readerFor(Batch.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Batch parse(byte[] body) {
        return read(reader, body);
    }

    /** Any JSON document read with the same answers: the path of a bad value and, in Russian, what is wrong. */
    public static <T> T read(ObjectReader reader, byte[] body) {
        try {
            T document = reader.readValue(body);
            if (document == null) throw new MalformedBatchException(List.of(new Problem("", "Пустое тело запроса")));
            return document;
        } catch (JsonMappingException e) {
            throw new MalformedBatchException(List.of(new Problem(path(e), describe(e))));
        } catch (JsonProcessingException e) {
            throw new MalformedBatchException(List.of(new Problem("",
                    "Некорректный JSON (строка " + e.getLocation().getLineNr() + ", позиция "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new MalformedBatchException(List.of(new Problem("", "Не удалось прочитать тело запроса")));
        }
    }

    /** Jackson's reference path as {@code marks[17].value}. */
    static String path(JsonMappingException e) {
        var out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) return "Неизвестное поле «" + u.getPropertyName() + "»";
        if (e instanceof InvalidFormatException f)
            return "Значение «" + f.getValue() + "» не подходит для поля (ожидается " + expected(f.getTargetType()) + ")";
        return "Значение не подходит для поля (другой тип значения: строка, число, список или объект)";
    }

    private static String expected(Class<?> type) {
        if (type == java.time.LocalDate.class) return "дата ГГГГ-ММ-ДД";
        if (type == java.time.OffsetDateTime.class) return "дата и время ISO 8601 с часовым поясом";
        if (type == Integer.class || type == int.class) return "целое число";
        if (type == java.math.BigDecimal.class) return "число";
        if (type == Boolean.class) return "true или false";
        return "другой тип значения";
    }
}
