package ru.journalarchive.app.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.Problem;

/**
 * One CSV file of the drop folder as a batch of one section. The file name starts with the
 * section ({@code marks-2025-10.csv}); the header row names the fields as in the JSON format;
 * an empty cell is no value; a list cell (group members) separates ids with «;». Comma or
 * semicolon (as Excel writes in Russian locales) as separator, UTF-8.
 */
@Component
public class CsvBatchReader {

    private static final Map<String, RecordComponent> SECTIONS = new LinkedHashMap<>();

    static {
        for (RecordComponent c : Batch.class.getRecordComponents()) {
            if (c.getType() == List.class) SECTIONS.put(c.getName(), c);
        }
    }

    private final ObjectMapper mapper;

    public CsvBatchReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static String sectionOf(String fileName) {
        return fileName.split("[-.]", 2)[0];
    }

    /** A batch id that is the same for the same file content, so a file dropped twice is applied once. */
    public static String batchId(String fileName, byte[] sha256) {
        return "csv:" + fileName + ":" + HexFormat.of().formatHex(sha256, 0, 8);
    }

    public Batch read(String fileName, byte[] content, byte[] sha256) {
        String section = sectionOf(fileName);
        RecordComponent component = SECTIONS.get(section);
        if (component == null) {
            throw new MalformedBatchException(List.of(new Problem("", "Имя файла должно начинаться с названия раздела: "
                    + String.join(", ", SECTIONS.keySet()) + " (например, marks-2025-10.csv)")));
        }
        Class<?> recordType = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String header = text.lines().findFirst().orElse("");
        char separator = header.contains(";") && !header.contains(",") ? ';' : ',';
        var problems = new ArrayList<Problem>();
        var records = new ArrayList<Object>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader()
                .setSkipHeaderRecord(true).setTrim(true).get().parse(new StringReader(text))) {
            for (String column : parser.getHeaderNames()) {
                if (Arrays.stream(recordType.getRecordComponents()).noneMatch(c -> c.getName().equals(column)))
                    problems.add(new Problem(section, "Неизвестный столбец «" + column + "»"));
            }
            if (!problems.isEmpty()) throw new MalformedBatchException(problems);
            int index = 0;
            for (CSVRecord row : parser) {
                try {
                    records.add(mapper.convertValue(values(row, recordType), recordType));
                } catch (IllegalArgumentException e) {
                    String field = e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m
                            ? BatchParser.path(m) : "";
                    problems.add(new Problem(section + "[" + index + "]" + (field.isEmpty() ? "" : "." + field),
                            "Значение не подходит для поля"));
                    records.add(null);
                }
                index++;
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new MalformedBatchException(List.of(new Problem("", "Файл не читается как CSV: " + e.getMessage())));
        }
        if (!problems.isEmpty()) throw new MalformedBatchException(problems);
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", batchId(fileName, sha256));
        batch.put(section, records);
        return mapper.convertValue(batch, Batch.class);
    }

    private static Map<String, Object> values(CSVRecord row, Class<?> recordType) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.toMap().forEach((column, value) -> {
            if (value == null || value.isEmpty()) return;
            boolean list = Arrays.stream(recordType.getRecordComponents())
                    .anyMatch(c -> c.getName().equals(column) && c.getType() == List.class);
            values.put(column, list ? List.of(value.split(";")) : value);
        });
        return values;
    }
}
