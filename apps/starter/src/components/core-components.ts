/**
 * The app's building blocks, one file each: import them from here. They are yours — change the
 * markup and app.css freely; nothing in Cinder depends on them.
 */
export { button, type ButtonProps } from "./button.js";
export { flash, flashGroup } from "./flash.js";
export { header } from "./header.js";
export { icon, type IconName } from "./icon.js";
export { input, type InputProps, type InputType } from "./input.js";
export { list } from "./list.js";
export { hideModal, modal, showModal, type ModalProps } from "./modal.js";
export { simpleForm, type SimpleFormProps } from "./simple-form.js";
export { table, type Column, type TableProps } from "./table.js";
