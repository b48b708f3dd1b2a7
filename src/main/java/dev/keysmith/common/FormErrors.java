package dev.keysmith.common;

import java.util.Arrays;
import java.util.Map;

import org.springframework.beans.PropertyAccessException;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingErrorProcessor;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Refusals on the pages' forms as Spring's binding result, shown with {@code th:errors}:
 * beside the field they name, or above the form when they name none of its fields. The
 * texts stay the services' own.
 */
public final class FormErrors {

	private FormErrors() {
	}

	/**
	 * Puts a refusal on the form.
	 * @param inputs the service's names of inputs ({@code cert}) mapped to the form field
	 * that carries them ({@code certificateText}), where they differ
	 */
	public static void reject(BindingResult binding, RuntimeException refusal, Map<String, String> inputs) {
		String input = (refusal instanceof InvalidRequestException invalid) ? invalid.getField() : null;
		String field = (input != null) ? inputs.getOrDefault(input, input) : null;
		if (field != null && isFieldOf(binding.getTarget(), field)) {
			binding.addError(
					new FieldError(binding.getObjectName(), field, null, false, null, null, refusal.getMessage()));
		}
		else {
			binding.addError(new ObjectError(binding.getObjectName(), refusal.getMessage()));
		}
	}

	public static void reject(BindingResult binding, RuntimeException refusal) {
		reject(binding, refusal, Map.of());
	}

	/**
	 * Puts the form to show again, with the refusals of its binding, into the model. The
	 * form may be a changed copy (without secrets): the refusals go with it, and they
	 * survive a binding that could not build its form (a type mismatch leaves the binding
	 * without one).
	 */
	public static void show(Model model, String name, Object form, BindingResult binding) {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, name);
		errors.addAllErrors(binding);
		model.addAttribute(name, form);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, errors);
	}

	/**
	 * Binding that says, for the number fields named, that the value must be a whole
	 * number: 1.5 days or port "coap" is refused, never truncated.
	 * @param messages per field, the message with {@code %s} for the value as typed
	 */
	public static BindingErrorProcessor wholeNumbers(Map<String, String> messages) {
		return new DefaultBindingErrorProcessor() {

			@Override
			public void processPropertyAccessException(PropertyAccessException ex, BindingResult binding) {
				String field = ex.getPropertyName();
				String message = (field != null) ? messages.get(field) : null;
				if (message == null) {
					super.processPropertyAccessException(ex, binding);
					return;
				}
				Object value = (ex.getValue() instanceof Object[] values && values.length == 1) ? values[0]
						: ex.getValue();
				binding.addError(new FieldError(binding.getObjectName(), field, value, true, null, null,
						message.formatted(PrintableText.oneLine(String.valueOf(value)))));
			}

		};
	}

	private static boolean isFieldOf(Object form, String field) {
		return form != null && form.getClass().isRecord()
				&& Arrays.stream(form.getClass().getRecordComponents()).anyMatch((c) -> c.getName().equals(field));
	}

}
