using System.ComponentModel.DataAnnotations;
using System.Reflection;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FukushiIryo.Web;

/// <summary>
/// Binds every <see cref="DateOnly"/> and <see cref="DateOnly"/>? page property and handler parameter the way
/// staff type dates (西暦 <c>2026-08-01</c>, <c>2026/8/1</c>, <c>20260801</c>; 和暦 <c>R8.8.1</c>, <c>令和8年8月1日</c>:
/// <see cref="ImportDate.TryParseDate"/>). A date that cannot be read leaves the value unset and puts a Japanese
/// message in ModelState under the field's name, which the page shows beside the field
/// (<see cref="FormDates.Error(ModelStateDictionary, string)"/>). The label is the property's
/// <see cref="DisplayAttribute"/> name.
/// </summary>
public sealed class JapaneseDateModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var value = bindingContext.ValueProvider.GetValue(name);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(name, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Empty: unset (a required date is the page's own message, as before).
            return Task.CompletedTask;
        }

        var parsed = ImportDate.TryParseDate(text);
        if (parsed.TryGetValue(out var date))
        {
            bindingContext.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }

        var label = bindingContext.ModelMetadata.DisplayName ?? "日付";
        bindingContext.ModelState.TryAddModelError(name, FormDates.Invalid(label, parsed.ErrorMessage));
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Chooses <see cref="JapaneseDateModelBinder"/> for <see cref="DateOnly"/> and <see cref="DateOnly"/>?.</summary>
public sealed class JapaneseDateModelBinderProvider : IModelBinderProvider
{
    private static readonly JapaneseDateModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(DateOnly) ? Binder : null;
    }
}
