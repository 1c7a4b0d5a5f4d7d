package ru.journalarchive.app.web.start;

import java.util.List;
import ru.journalarchive.app.security.Role;

/** What each role may do, as the start page offers it. */
public final class StartActions {

    public record Action(String title, String description, String href) {}

    private StartActions() {}

    public static String roleTitle(Role role) {
        return switch (role) {
            case DIRECTOR -> "Директор образовательной организации";
            case ARCHIVIST -> "Архивист";
            case INSPECTOR -> "Проверяющий";
            case ADMIN -> "Администратор";
            case SCHOOL_SYSTEM -> "Электронный журнал школы";
        };
    }

    private static final Action VERIFY = new Action("Проверить подпись", "Загрузите подписанный PDF или файл с открепленной "
            + "подписью (.sig), либо выберите документ из архива: проверка подписи, сертификата и штампа времени.", "/inspector");
    private static final Action API = new Action("Описание API", "Программный интерфейс для электронных журналов и сценариев.",
            "/api/v1/docs");
    private static final Action SEARCH = new Action("Поиск в архиве", "Журналы, сводные ведомости и отчёты школ по фильтрам: "
            + "школа, учебный год, период, класс, предмет, вид документа, подписант, даты; файлы пакета и журнал чтений.", "/archive");
    private static final Action MONITORING = new Action("Мониторинг ведения журналов", "Показатели школ по периодам "
            + "относительно порогов (планирование, ведение, своевременность, родители, отметки за период) и их динамика.",
            "/monitoring");

    public static List<Action> of(Role role, String school) {
        return switch (role) {
            case DIRECTOR -> List.of(new Action("Подписать документы", "Журналы и сводные ведомости, ожидающие вашей подписи: "
                    + "просмотр и подпись ключом на токене (КриптоПро ЭЦП Browser plug-in) или ключом на сервере.",
                    "/schools/" + school + "/signing"));
            case ARCHIVIST -> List.of(SEARCH, new Action("Уничтожение по истечении срока", "Документы с истёкшим сроком хранения "
                    + "без удержания: акт о выделении к уничтожению и его подтверждение.", "/archive/disposal"), VERIFY, API);
            case INSPECTOR -> List.of(SEARCH, VERIFY, MONITORING, API);
            case ADMIN -> List.of(
                    new Action("Школы и токены", "Регистрация школ, токены их электронных журналов (выдача, последнее "
                            + "использование, отзыв).", "/admin/schools"),
                    new Action("Пользователи", "Директора, архивисты, проверяющие и администраторы: создание, сброс пароля, "
                            + "блокировка.", "/admin/users"),
                    new Action("Архивирование", "Запуск формирования архива за период или год и ход его выполнения: "
                            + "документы по состояниям, ошибки, повтор.", "/admin/runs"),
                    new Action("Состояние сервиса", "База данных, хранилище S3 с блокировкой объектов, служба штампов "
                            + "времени; проверка целостности архива.", "/admin/health"),
                    MONITORING, API);
            case SCHOOL_SYSTEM -> List.of(API);
        };
    }
}
