/** A row of radio buttons with a legend: one choice among a few fixed options. */
export interface RadioChoiceProps<T extends string | number> {
  legend: string;
  /** Radio group name; unique per form so two forms on one page do not share a group. */
  name: string;
  options: readonly T[];
  value: T;
  /** The visible label of an option. */
  label: (option: T) => string | number;
  onChange: (option: T) => void;
}

export function RadioChoice<T extends string | number>({
  legend,
  name,
  options,
  value,
  label,
  onChange,
}: RadioChoiceProps<T>) {
  return (
    <fieldset className="inline">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={String(option)}>
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
