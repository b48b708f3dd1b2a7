package dev.keysmith;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;

import dev.keysmith.audit.AuditEvent;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.thingsboard.ThingsBoardServer;
import jakarta.persistence.Column;
import jakarta.persistence.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities declare the length of every text column (JPA's default is 255) and
 * Keysmith refuses longer input by those numbers: they must be the lengths the migrations
 * create.
 */
class ColumnLengthsTests extends KeysmithTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@ParameterizedTest
	@ValueSource(classes = { Device.class, DeviceCredential.class, AuditEvent.class, ThingsBoardServer.class })
	void entityWhenItsTextColumnsAreComparedWithTheSchemaThenEveryLengthMatches(Class<?> entity) {
		String table = entity.getAnnotation(Table.class).name();
		List<Field> textFields = List.of(entity.getDeclaredFields())
			.stream()
			.filter((field) -> field.getType() == String.class
					&& !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
			.toList();
		assertThat(textFields).isNotEmpty();
		for (Field field : textFields) {
			Column column = field.getAnnotation(Column.class);
			String name = (column != null && !column.name().isEmpty()) ? column.name() : snakeCase(field.getName());
			int declared = (column != null) ? column.length() : 255;
			Integer actual = this.jdbc.queryForObject("select character_maximum_length from information_schema.columns "
					+ "where lower(table_name) = ? and lower(column_name) = ?", Integer.class, table, name);
			assertThat(declared).as("%s.%s", table, name).isEqualTo(actual);
		}
	}

	private static String snakeCase(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
