package dev.keysmith.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * After the migrations, gives every device stored before names had a look-alike key (V5)
 * its key: computed in Java, since SQL cannot fold case and map look-alike letters the
 * same way on H2 and PostgreSQL. Spring Boot hands Flyway every {@link Callback} bean.
 * Only rows without a key are touched, so it costs one indexed query on every later start
 * and several instances may run it at once.
 */
@Component
class DeviceNameKeyBackfill implements Callback {

	private static final Logger log = LoggerFactory.getLogger(DeviceNameKeyBackfill.class);

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		try {
			Map<Object, String> names = new LinkedHashMap<>();
			try (ResultSet rows = connection.createStatement()
				.executeQuery("SELECT id, name FROM device WHERE name_key IS NULL")) {
				while (rows.next()) {
					names.put(rows.getObject(1), rows.getString(2));
				}
			}
			try (PreparedStatement update = connection
				.prepareStatement("UPDATE device SET name_key = ? WHERE id = ? AND name_key IS NULL")) {
				for (Map.Entry<Object, String> row : names.entrySet()) {
					update.setString(1, LookAlikes.key(row.getValue()));
					update.setObject(2, row.getKey());
					update.addBatch();
				}
				update.executeBatch();
			}
			if (!names.isEmpty()) {
				log.info("Gave {} device names their look-alike key", names.size());
			}
		}
		catch (SQLException ex) {
			throw new FlywayException("Could not fill device.name_key: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "device name look-alike keys";
	}

}
