local function greeting(name)
  return 'hello ' .. name
end
