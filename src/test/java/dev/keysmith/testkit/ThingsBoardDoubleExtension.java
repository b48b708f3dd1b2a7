package dev.keysmith.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts, resets and stops the {@link ThingsBoardDouble} of a
 * {@link ThingsBoardDoubleTest} class, and hands it to the test through its fields and
 * parameters.
 */
public final class ThingsBoardDoubleExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ThingsBoardDoubleExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		ThingsBoardDoubleTest settings = settings(context);
		if (settings.shared()) {
			ThingsBoardDouble thingsBoard = start(settings);
			context.getStore(NAMESPACE).put(ThingsBoardDouble.class, thingsBoard);
			inject(context.getRequiredTestClass(), null, thingsBoard, true);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		ThingsBoardDoubleTest settings = settings(context);
		ThingsBoardDouble thingsBoard;
		if (settings.shared()) {
			thingsBoard = context.getStore(NAMESPACE).get(ThingsBoardDouble.class, ThingsBoardDouble.class);
		}
		else {
			thingsBoard = start(settings);
			context.getStore(NAMESPACE).put(ThingsBoardDouble.class, thingsBoard);
		}
		for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
			inject(instance.getClass(), instance, thingsBoard, false);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ThingsBoardDouble thingsBoard = thingsBoard(context);
		if (settings(context).shared()) {
			thingsBoard.reset();
		}
		else {
			thingsBoard.close();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (settings(context).shared()) {
			thingsBoard(context).close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == ThingsBoardDouble.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return thingsBoard(context);
	}

	private static ThingsBoardDouble thingsBoard(ExtensionContext context) {
		ThingsBoardDouble thingsBoard = context.getStore(NAMESPACE)
			.get(ThingsBoardDouble.class, ThingsBoardDouble.class);
		if (thingsBoard == null) {
			throw new ExtensionConfigurationException(
					"No ThingsBoard double here: a shared one is made before all " + "tests, a test's own before each");
		}
		return thingsBoard;
	}

	private static ThingsBoardDouble start(ThingsBoardDoubleTest settings) {
		ThingsBoardDouble thingsBoard = switch (settings.version()) {
			case CE_4_3 -> ThingsBoardDouble.start();
			case CE_4_2 -> ThingsBoardDouble.startWithoutConnectionId();
			case CE_3_9 -> ThingsBoardDouble.startVersion39();
		};
		return settings.publishServerCa() ? thingsBoard.publishServerCa() : thingsBoard;
	}

	private static ThingsBoardDoubleTest settings(ExtensionContext context) {
		Class<?> type = context.getRequiredTestClass();
		while (type != null) {
			ThingsBoardDoubleTest settings = type.getAnnotation(ThingsBoardDoubleTest.class);
			if (settings != null) {
				return settings;
			}
			type = type.getEnclosingClass();
		}
		throw new ExtensionConfigurationException("ThingsBoardDoubleExtension needs @ThingsBoardDoubleTest");
	}

	/**
	 * Sets the static (or else the instance) fields of type ThingsBoardDouble of the
	 * class and its superclasses.
	 */
	private static void inject(Class<?> type, Object instance, ThingsBoardDouble thingsBoard, boolean statics)
			throws IllegalAccessException {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (field.getType() == ThingsBoardDouble.class && Modifier.isStatic(field.getModifiers()) == statics) {
					if (Modifier.isFinal(field.getModifiers())) {
						throw new ExtensionConfigurationException(field + " is final: the extension sets it");
					}
					field.setAccessible(true);
					field.set(instance, thingsBoard);
				}
			}
		}
	}

}
