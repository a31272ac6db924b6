/**
 * Picker → extension: the element picker's answer (entrypoints/picker.ts), the value
 * `scripting.executeScript` resolves to, and the same object sent with `runtime.sendMessage`
 * for a caller that went away meanwhile (a popup closes when the person clicks the page).
 * It comes from a web page's tab: the background takes it only from the tab the picker was
 * started in (lib/ask/picker-flow.ts), and never answers it.
 */
import { elementDescriptionSchema } from '../capture/element-description';
import { defineMessageFamily, type MessageOf } from './message-family';

const pickerToBackgroundFields = {
  'content:element-picked': { description: elementDescriptionSchema },
  'content:pick-cancelled': {},
};

export const pickerToBackground = defineMessageFamily(pickerToBackgroundFields);

export type PickerToBackgroundMessage = MessageOf<typeof pickerToBackgroundFields>;
/** What the picker script resolves to: the message it also sends. */
export type PickerResult = PickerToBackgroundMessage;
