import { describe, expect, test } from "vitest";
import { parseJsCommands, validateJsCommands } from "@cinder/protocol";

describe("parseJsCommands", () => {
  test("reads the spec's example attribute", () => {
    const { commands, problems } = parseJsCommands(
      '[["push",{"event":"inc","value":{"by":2}}],["add_class",{"names":["flash"],"to":"#x"}]]',
    );
    expect(problems).toEqual([]);
    expect(commands).toEqual([
      ["push", { event: "inc", value: { by: 2 } }],
      ["add_class", { names: ["flash"], to: "#x" }],
    ]);
  });

  test("malformed JSON yields no commands and one malformed_json problem", () => {
    const { commands, problems } = parseJsCommands('[["push",{"event":"inc"}]');
    expect(commands).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe("malformed_json");
  });

  test("a JSON value that is not a list is not_a_command_list", () => {
    expect(parseJsCommands('{"push":"inc"}').problems.map((problem) => problem.code)).toEqual(["not_a_command_list"]);
    expect(parseJsCommands("null").problems.map((problem) => problem.code)).toEqual(["not_a_command_list"]);
  });

  test("an unknown op is reported with its index and the other commands are kept", () => {
    const { commands, problems } = parseJsCommands('[["hide",{"to":"#m"}],["explode",{}],["show",{}]]');
    expect(commands).toEqual([["hide", { to: "#m" }], ["show", {}]]);
    expect(problems).toEqual([{ code: "unknown_op", index: 1, message: expect.stringContaining('"explode"') }]);
  });

  test("entries that are not [op, args] pairs are not_a_command", () => {
    const { problems } = validateJsCommands(["push", [1, {}], [], ["hide", {}, "extra"]]);
    expect(problems.map((problem) => [problem.code, problem.index])).toEqual([
      ["not_a_command", 0],
      ["not_a_command", 1],
      ["not_a_command", 2],
      ["not_a_command", 3],
    ]);
  });

  test.each([
    ['["push",{}]', /needs "event"/],
    ['["push",{"event":"x","value":[1]}]', /"value" must be an object/],
    ['["push",{"event":"x","target":1.5}]', /"target"/],
    ['["add_class",{"names":"flash"}]', /"names" must be an array/],
    ['["show",{"to":{"parent":"#x"}}]', /"to" must be a selector/],
    ['["show",{"time":-1}]', /"time"/],
    ['["hide",{"transition":["fade"]}]', /"transition"/],
    ['["set_attr",{"attr":["only-name"]}]', /"attr" must be \[name, value\]/],
    ['["toggle_attr",{"attr":["a","b","c","d"]}]', /"attr"/],
    ['["dispatch",{"event":"x","bubbles":"yes"}]', /"bubbles" must be true or false/],
    ['["exec",{}]', /needs "attr"/],
    ['["navigate",{"href":""}]', /"href"/],
    ['["hide","#modal"]', /must be an object/],
  ])("invalid args %s are reported as invalid_args", (command, message) => {
    const { commands, problems } = parseJsCommands(`[${command}]`);
    expect(commands).toEqual([]);
    expect(problems).toEqual([{ code: "invalid_args", index: 0, message: expect.stringMatching(message) }]);
  });

  test("null optional args (older servers) count as absent, and pop_focus needs no args", () => {
    const { commands, problems } = parseJsCommands(
      '[["show",{"to":null,"display":null,"transition":[[],[],[]],"time":null}],["pop_focus"],["focus",{"to":null}]]',
    );
    expect(problems).toEqual([]);
    expect(commands).toEqual([["show", { transition: [[], [], []] }], ["pop_focus", {}], ["focus", {}]]);
  });

  test("class lists are split on whitespace and empty names dropped", () => {
    const { commands } = parseJsCommands('[["add_class",{"names":["a  b","","c"],"transition":[["x y"],[""],["z"]]}]]');
    expect(commands).toEqual([["add_class", { names: ["a", "b", "c"], transition: [["x", "y"], [], ["z"]] }]]);
  });

  test("unknown arg keys are ignored", () => {
    expect(parseJsCommands('[["hide",{"to":"#a","future":1}]]').commands).toEqual([["hide", { to: "#a" }]]);
  });

  test("a long hostile value is quoted only in part", () => {
    const { problems } = parseJsCommands(`[${"x".repeat(10_000)}`);
    expect(problems[0]?.message.length).toBeLessThan(300);
  });
});
